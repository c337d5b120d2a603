# Needed for form uploads; the package (python-multipart) is not in requirements.txt.
import multipart  # noqa: F401
