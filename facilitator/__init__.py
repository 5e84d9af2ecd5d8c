"""Streamlit UI and command line of Veiligheidsdialoog. The only package that imports streamlit."""
