from typing import Any, Self

from django.db import models

from tree_queries.query import TreeQuerySet

class TreeNode(models.Model):
    # Set on rows read through TreeQuerySet.with_tree_fields() (and ancestors/descendants).
    tree_depth: int
    tree_path: list[int]
    tree_ordering: list[Any]
    def ancestors(self, *, include_self: bool = False) -> TreeQuerySet[Self]: ...
    def descendants(self, *, include_self: bool = False) -> TreeQuerySet[Self]: ...
