"""ralph-malph's LRS, for the integration test: `python ralph_lrs.py PORT` in ralph's own venv.

ralph's fs backend refuses every write after the first unless its default operation type is
append, which is a class attribute, so it is set here in the serving process. Its settings come
from the environment (RALPH_RUNSERVER_BACKEND=fs, RALPH_AUTH_FILE, the data directory).
"""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
