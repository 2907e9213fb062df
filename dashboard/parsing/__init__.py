"""Pieces of the report parser that read prose: sentences and the proposals made in them."""
