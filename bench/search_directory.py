#!/usr/bin/env python3
"""Writes the attribution directory (directory.csv) of the people gen_squid_log.py invents for a seed, so that an
import of its log attributes every login with a role and a group (SLT aggregates by role and department need them).
Staff get a department from a fixed list (by a stable hash of the name), pupils their year group.
Usage: search_directory.py GEN_SQUID_LOG_PY SEED USERS > directory.csv"""
import csv, hashlib, importlib.util, random, sys

gen_path, seed, n_users = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
spec = importlib.util.spec_from_file_location("gen", gen_path)
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)
# generate() seeds its Random with the seed and draws the users first: the same draw gives the same names.
users = gen.make_users(n_users, random.Random(seed))
departments = ["English", "Maths", "Science", "Humanities", "Languages", "Arts", "PE", "Computing", "Office"]
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["username", "aliases", "display_name", "role", "group", "working_pattern"])
for name, staff in users:
    parts = name.split(".")
    if staff:
        dept = departments[int(hashlib.sha1(name.encode()).hexdigest(), 16) % len(departments)]
        pattern = "support-staff" if dept == "Office" else "staff"
        out.writerow([name, "", f"{parts[1].upper()}. {parts[2].title()}", "staff", dept, pattern])
    else:
        out.writerow([name, "", parts[2].title(), "pupil", parts[1].upper(), "pupil"])
