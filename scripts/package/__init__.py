"""Reading and checking the data package: nothing here writes outside the package or touches the network."""
