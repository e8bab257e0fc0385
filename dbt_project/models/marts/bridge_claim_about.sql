-- Which actors each claim is about: those acting or acted upon in its content (the accused
-- included; places that are mere settings are not targets).

{{ claim_actor_bridge() }}
