insert into schema_version (version) values ($version)
