"""Reading: input paths in, raw records out. Files are found and their formats recognised,
archives and encodings opened, and records keyed, fingerprinted and batched."""
