"""Build, validation and site tooling for the kadrey-meta-llama3 data package."""
