from typing import Any, TypeVar

from django.db import models

_ST = TypeVar("_ST")
_GT = TypeVar("_GT")

class TreeNodeForeignKey(models.ForeignKey[_ST, _GT]): ...
