"""probability statistics topic area of the mathematics-for-ml course."""
