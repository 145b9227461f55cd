"""Where the media library's files are kept."""
