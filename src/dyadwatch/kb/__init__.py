"""What the coder knows, as data: the actor knowledge base, verb patterns, the CAMEO codebook
and the codes its rules key on, word classes and the gazetteer, bundled by `Knowledge`."""
