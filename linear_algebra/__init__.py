"""linear algebra topic area of the mathematics-for-ml course."""
