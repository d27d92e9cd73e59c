"""A deterministic set of varied buildings for the benchmarks (no randomness across runs)."""

from __future__ import annotations

from autobm.agent.spec import BuildingSpec, complete_spec


def varied_specs(n: int) -> list[BuildingSpec]:
    """``n`` buildings cycling through systems, 2D/3D, story counts, bays and codes."""
    seismic = [{"code": "gb50011", "intensity": 8}, {"code": "gb50011", "intensity": 7, "pga_g": 0.15, "site_class": "III"},
               {"code": "asce7", "sds_g": 1.0, "sd1_g": 0.6}, {"code": "en1998", "pga_g": 0.25, "ground_type": "C"}]
    specs = []
    for i in range(n):
        system = ("rc_frame", "steel_frame")[i % 2]
        dims = 3 if i % 3 else 2
        given = {
            "system": system, "stories": 2 + (i * 7) % 11, "story_height_m": 3.0 + 0.3 * (i % 4),
            "bays_x": 2 + i % 3, "bay_width_m": 5.0 + (i % 5), "dimensions": dims,
            "seismic": dict(seismic[i % len(seismic)]),
        }
        if dims == 3:
            given["bays_y"] = 1 + i % 3
        specs.append(complete_spec(given))
    return specs
