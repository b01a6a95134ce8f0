DROP TABLE instance_settings;
DROP TABLE write_lock;
