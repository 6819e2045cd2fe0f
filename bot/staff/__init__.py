"""Staff triage in LINE chat: the command registry, its permission gate and the command families."""
