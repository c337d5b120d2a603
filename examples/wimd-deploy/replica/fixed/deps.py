# requirements.txt now lists python-multipart; the replica needs nothing outside the standard library.
