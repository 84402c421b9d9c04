"""Orientation bot for people living on the street in Paris, and for those who help them."""
