CREATE DATABASE dagster;
CREATE DATABASE newsclaims_lake;
