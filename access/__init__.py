"""Who may see or change what: the one policy every surface asks (see access.staff)."""
