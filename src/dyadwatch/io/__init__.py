"""Documents in and results out: readers of files, folders, JSON Lines, CSV and stdin; writers of
extraction results; synthetic test articles."""
