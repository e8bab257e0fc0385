-- Which actors each claim accuses: for an accusation the parties blamed or criticised, for a
-- denial the party whose alleged wrongdoing is denied (often the speaker).

{{ claim_actor_bridge('accused') }}
