"""The sleep diary: derived figures (figures), the CBT-I sleep window (window), storage (store, windows)."""
