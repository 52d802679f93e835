"""Page structure: article body, publisher boilerplate and threaded reader comments, as spans."""
