-- wrk script for bench/server-throughput.sh: every request creates a new draft with
-- PUT /api/v1/items/{uuid}, as an information officer, as a client's outbox would.
--
--   wrk -s bench/push-items.lua -H "Authorization: Bearer TOKEN" URL -- UNIT_ID CATEGORY
--
-- UNIT_ID is the officer's unit, CATEGORY one of the active reporting priorities.
-- Each request has its own item UUID and event_id (version 4 UUIDs made here): random
-- bits, with the thread number and a per-thread counter in the last group, so no two
-- requests of a run share an id whatever the random generator does.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("tid", #threads)
end

function init(args)
   unit_id = tonumber(args[1]) or error("push-items.lua: give the officer's unit id after --")
   category = args[2] or error("push-items.lua: give a category after the unit id")
   counter = 0
   math.randomseed(os.time() * 1000 + (tid or 0))
   -- a per-thread run tag, so ids also differ between runs and threads
   run = math.random(0, 0xffff)
   wrk.headers["Content-Type"] = "application/json"
end

local function uuid()
   counter = counter + 1
   return string.format("%08x-%04x-4%03x-%04x-%04x%08x",
                        math.random(0, 0x7fffffff) * 2 + math.random(0, 1),
                        run, math.random(0, 0xfff),
                        0x8000 + math.random(0, 0x3fff),
                        (tid or 0) % 0x10000, counter)
end

function request()
   local item = uuid()
   local body = string.format(
      '{"event_id":"%s","revision":0,"unit_id":%d,' ..
      '"title":"压测信息 %s","body":"本条由吞吐量基准测试生成，用于测量每秒可接收的报送条数。",' ..
      '"category":"%s","type":"dynamic","angle":"key","importance":"general","urgent":false}',
      uuid(), unit_id, item, category)
   return wrk.format("PUT", "/api/v1/items/" .. item, nil, body)
end

-- wrk itself prints "Non-2xx or 3xx responses"; count them by status too.
statuses = {}

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local total = {}
   for _, thread in ipairs(threads) do
      local s = thread:get("statuses")
      for code, n in pairs(s) do
         total[code] = (total[code] or 0) + n
      end
   end
   for code, n in pairs(total) do
      io.write(string.format("status %d: %d\n", code, n))
   end
end
