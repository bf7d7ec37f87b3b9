"""Batch scoring of corpora: reading inputs, the local and Dask engines, output sinks, the job
folder and its lock, progress, worker processes and threads, and the corpus report drawn from scored
output."""
