"""Reading and writing custody records and findings in the v1 interchange format."""
