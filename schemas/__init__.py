"""pydantic models of the kadrey-meta-llama3 data package and the schemas generated from them."""
