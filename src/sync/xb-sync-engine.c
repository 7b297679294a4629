/* The client sync engine (being written). */
