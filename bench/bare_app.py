"""A bare Streamlit page, a title and one line: the floor of any Streamlit app's first draw.

``streamlit run bench/bare_app.py``; bench/answers.py times it beside app.py
to tell our share of the first draw from Streamlit's own.
"""

from __future__ import annotations

import streamlit as st

st.title("A bare Streamlit page")
st.write("One line under the title.")
