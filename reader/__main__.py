import multiprocessing
import sys

from reader.cli import main

if __name__ == "__main__":
    # The speech worker is a child process; a frozen bundle must hand it over here.
    multiprocessing.freeze_support()
    sys.exit(main())
