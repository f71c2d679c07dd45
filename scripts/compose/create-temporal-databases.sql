-- Run once by the postgres image on first start (docker-compose.yml): Temporal keeps its own two databases.
CREATE DATABASE temporal;
CREATE DATABASE temporal_visibility;
