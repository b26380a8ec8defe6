"""Typed models of a territory's data, one module per kind of file."""
