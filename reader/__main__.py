import sys

from reader.cli import main

if __name__ == "__main__":
    # A frozen bundle starts through packaging/launcher.py, which hands speech-worker
    # children over with multiprocessing.freeze_support(); from source, spawned
    # children need nothing here (and importing multiprocessing costs start-up time).
    sys.exit(main())
