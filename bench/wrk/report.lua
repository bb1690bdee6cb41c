-- Shared by the benchmark scripts: count statuses per thread and print one JSON line when done.
local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("id", #threads)
end

statuses = {}
references = {}

function count_status(status)
   local key = tostring(status)
   statuses[key] = (statuses[key] or 0) + 1
end

local function json_counts(counts)
   local parts = {}
   for key, value in pairs(counts) do
      table.insert(parts, string.format('"%s": %d', key, value))
   end
   return "{" .. table.concat(parts, ", ") .. "}"
end

function done(summary, latency, requests)
   local totals = {}
   local acknowledged = {}
   for _, thread in ipairs(threads) do
      for key, value in pairs(thread:get("statuses")) do
         totals[key] = (totals[key] or 0) + value
      end
      for _, reference in ipairs(thread:get("references")) do
         table.insert(acknowledged, reference)
      end
   end
   local errors = summary.errors
   io.write(string.format(
      'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, ' ..
      '"socket_errors": %d, "statuses": %s, "references": [%s]}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
      errors.connect + errors.read + errors.write + errors.timeout, json_counts(totals),
      #acknowledged > 0 and ('"' .. table.concat(acknowledged, '", "') .. '"') or ""))
end
