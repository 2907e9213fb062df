select count(*) from demo_stage join events using (fingerprint)
