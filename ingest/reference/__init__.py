"""Official French geography (INSEE COG via Etalab's decoupage-administratif) as a compact file.

:mod:`.decoupage` fetches and converts the npm package (needs npm; run by hand),
:mod:`.reader` reads the committed file (no network, used by the build and the resolver).
"""
