"""Code checks for what rule data cannot express (sender clarity, decision-letter structure)."""
