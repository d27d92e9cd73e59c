"""autobm.training: traces, datasets, rewards, trainers and evaluation."""
