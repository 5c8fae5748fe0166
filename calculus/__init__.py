"""calculus topic area of the mathematics-for-ml course."""
