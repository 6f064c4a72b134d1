"""The bilingual reference site: staged Markdown generated from the data package, built by MkDocs."""
