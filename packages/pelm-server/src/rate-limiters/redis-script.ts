/**
 * GCRA (./gcra.ts, the same integer arithmetic) as one Lua script, so a hit is one atomic
 * `EVAL`: no two instances can read the same TAT. The clock is Redis's (`TIME`, whole ms), so
 * instances whose clocks differ still agree. KEYS[1] the key; ARGV[1] limit, ARGV[2] windowMs.
 * Answers { allowed 0|1, remaining, retryAfterMs }.
 */
export const GCRA_SCRIPT = `
local limit = tonumber(ARGV[1])
local interval = math.ceil(tonumber(ARGV[2]) / limit)
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local tat = tonumber(redis.call('GET', KEYS[1]))
if tat == nil or tat < now then tat = now end
tat = tat + interval
local allow_at = tat - interval * limit
if allow_at > now then
  return {0, 0, allow_at - now}
end
redis.call('SET', KEYS[1], string.format('%.0f', tat), 'PX', tat - now)
return {1, math.floor((now - allow_at) / interval), 0}
`
