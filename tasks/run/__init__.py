"""Running the stages: worker pools (and the warm-up their fork server preloads), progress,
memory upkeep, scheduled serving and previews."""
