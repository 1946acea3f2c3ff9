from .cli import main

if __name__ == "__main__":  # not when a worker process (exports/workers.py) imports it
    main()
