"""Rendered output → its destination: files (``files``) and email (``email``)."""
