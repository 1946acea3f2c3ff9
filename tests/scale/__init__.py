"""Several server processes on one real redis-server (issue 5: scale out)."""
