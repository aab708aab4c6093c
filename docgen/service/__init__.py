"""Unattended work: the batch, the watched folder, the runner they share, the job log and the owners of a job."""
