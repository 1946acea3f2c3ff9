"""Build hook: ship the content files and the built web client inside the package.

``boards/``, ``cards/`` and ``web_client/dist/`` live at the top of the repository; a wheel
(and so the Docker image) carries copies under ``game_server/content_files`` and
``game_server/static`` so an installed server needs neither the repository nor Node.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        package = Path(self.build_lib) / "game_server"
        for name in ("boards", "cards", "plans"):
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, package / "content_files" / name, dirs_exist_ok=True)
        dist = ROOT / "web_client" / "dist"
        if (dist / "index.html").is_file():
            shutil.copytree(dist, package / "static", dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithData})
