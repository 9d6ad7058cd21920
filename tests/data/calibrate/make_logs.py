#!/usr/bin/env python3
"""Writes the Spark event logs and streaming progress used by the calibrate tests.

The logs follow the exact shape of the logs Spark writes (one compact JSON object per
line, keys in Spark's order, every field `calibrate` reads and the fields around them), for
two generations: a Spark 1.6 application in local mode and a Spark 3.1 application on a
standalone cluster, plus a Structured Streaming application. The figures are chosen so the
expected results can be computed by hand (see tests/ingest_spark_test.cpp).

usage: make_logs.py OUTPUT_DIR   (the files are committed; rerun after changing this script)
"""
import json
import os
import sys

OUT = sys.argv[1]


def line(obj):
    return json.dumps(obj, separators=(",", ":")) + "\n"


def task_info_3x(task_id, index, launch, finish, executor, failed=False):
    return {"Task ID": task_id, "Index": index, "Attempt": 0, "Partition ID": index, "Launch Time": launch,
            "Executor ID": executor, "Host": "10.0.0.1" + executor, "Locality": "PROCESS_LOCAL",
            "Speculative": False, "Getting Result Time": 0, "Finish Time": finish, "Failed": failed,
            "Killed": False, "Accumulables": [
                {"ID": 2, "Name": "internal.metrics.executorRunTime", "Update": finish - launch,
                 "Value": finish - launch, "Internal": True, "Count Failed Values": True}]}


def metrics_3x(run_ms, records, bytes_read):
    return {"Executor Deserialize Time": 12, "Executor Deserialize CPU Time": 9000000, "Executor Run Time": run_ms,
            "Executor CPU Time": run_ms * 900000, "Peak Execution Memory": 0, "Result Size": 2048,
            "JVM GC Time": 7, "Result Serialization Time": 1, "Memory Bytes Spilled": 0, "Disk Bytes Spilled": 0,
            "Shuffle Read Metrics": {"Remote Blocks Fetched": 0, "Local Blocks Fetched": 0, "Fetch Wait Time": 0,
                                     "Remote Bytes Read": 0, "Remote Bytes Read To Disk": 0,
                                     "Local Bytes Read": 0, "Total Records Read": 0},
            "Shuffle Write Metrics": {"Shuffle Bytes Written": 0, "Shuffle Write Time": 0,
                                      "Shuffle Records Written": 0},
            "Input Metrics": {"Bytes Read": bytes_read, "Records Read": records},
            "Output Metrics": {"Bytes Written": 0, "Records Written": 0}, "Updated Blocks": []}


def stage_info(stage_id, name, tasks, submitted=None, completed=None):
    info = {"Stage ID": stage_id, "Stage Attempt ID": 0, "Stage Name": name, "Number of Tasks": tasks,
            "RDD Info": [], "Parent IDs": [], "Details": "org.apache.spark.rdd.RDD.count(RDD.scala:1227)",
            "Accumulables": [], "Resource Profile Id": 0}
    if submitted is not None:
        info["Submission Time"] = submitted
    if completed is not None:
        info["Completion Time"] = completed
    return info


def spark31():
    t0 = 1609459200000  # 2021-01-01T00:00:00Z
    app = "app-20210101000000-0001"
    out = [
        {"Event": "SparkListenerLogStart", "Spark Version": "3.1.2"},
        {"Event": "SparkListenerResourceProfileAdded", "Resource Profile Id": 0,
         "Executor Resource Requests": {"cores": {"Resource Name": "cores", "Amount": 4, "Discovery Script": "",
                                                  "Vendor": ""}},
         "Task Resource Requests": {"cpus": {"Resource Name": "cpus", "Amount": 1.0}}},
        {"Event": "SparkListenerBlockManagerAdded", "Block Manager ID": {"Executor ID": "driver",
                                                                         "Host": "10.0.0.2", "Port": 40001},
         "Maximum Memory": 455501414, "Timestamp": t0 + 300, "Maximum Onheap Memory": 455501414,
         "Maximum Offheap Memory": 0},
        {"Event": "SparkListenerEnvironmentUpdate", "JVM Information": {"Java Version": "11.0.9 (Ubuntu)"},
         "Spark Properties": {"spark.master": "spark://10.0.0.2:7077", "spark.app.id": app,
                              "spark.executor.cores": "4", "spark.eventLog.enabled": "true"},
         "Hadoop Properties": {}, "System Properties": {}, "Classpath Entries": {}},
        {"Event": "SparkListenerApplicationStart", "App Name": "nightly-etl", "App ID": app, "Timestamp": t0,
         "User": "etl"},
    ]
    for ex, at in (("1", 2000), ("2", 2100)):
        out.append({"Event": "SparkListenerExecutorAdded", "Timestamp": t0 + at, "Executor ID": ex,
                    "Executor Info": {"Host": "10.0.0.1" + ex, "Total Cores": 4,
                                      "Log Urls": {"stdout": "http://10.0.0.1%s:8081/stdout" % ex},
                                      "Attributes": {}, "Resources": {}, "Resource Profile Id": 0}})
    out.append({"Event": "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart", "executionId": 0,
                "description": "count at <console>:24", "details": "", "physicalPlanDescription": "== Plan ==",
                "sparkPlanInfo": {"nodeName": "HashAggregate", "simpleString": "HashAggregate", "children": [],
                                  "metadata": {}, "metrics": []}, "time": t0 + 4500})
    # Job 0, stage 0: four tasks reading input, 10 µs per record.
    out.append({"Event": "SparkListenerJobStart", "Job ID": 0, "Submission Time": t0 + 4900,
                "Stage Infos": [stage_info(0, "count at <console>:24", 4)], "Stage IDs": [0],
                "Properties": {"spark.sql.execution.id": "0"}})
    out.append({"Event": "SparkListenerStageSubmitted",
                "Stage Info": stage_info(0, "count at <console>:24", 4, submitted=t0 + 4950),
                "Properties": {"spark.sql.execution.id": "0"}})
    tasks0 = [(100000, 1000), (120000, 1200), (80000, 800), (100000, 1000)]
    for i, (records, run) in enumerate(tasks0):
        launch = t0 + 5000 + 10 * i
        ex = "1" if i % 2 == 0 else "2"
        out.append({"Event": "SparkListenerTaskStart", "Stage ID": 0, "Stage Attempt ID": 0,
                    "Task Info": task_info_3x(i, i, launch, 0, ex)})
    for i, (records, run) in enumerate(tasks0):
        launch = t0 + 5000 + 10 * i
        ex = "1" if i % 2 == 0 else "2"
        out.append({"Event": "SparkListenerTaskEnd", "Stage ID": 0, "Stage Attempt ID": 0,
                    "Task Type": "ShuffleMapTask", "Task End Reason": {"Reason": "Success"},
                    "Task Info": task_info_3x(i, i, launch, launch + run + 20, ex),
                    "Task Executor Metrics": {"JVMHeapMemory": 0, "JVMOffHeapMemory": 0},
                    "Task Metrics": metrics_3x(run, records, records * 120)})
    out.append({"Event": "SparkListenerStageCompleted",
                "Stage Info": stage_info(0, "count at <console>:24", 4, submitted=t0 + 4950,
                                         completed=t0 + 6300)})
    out.append({"Event": "SparkListenerJobEnd", "Job ID": 0, "Completion Time": t0 + 6310,
                "Job Result": {"Result": "JobSucceeded"}})
    # Job 1: stage 1 reads input (one task lost with executor 2, retried), stage 2 reads shuffle.
    out.append({"Event": "SparkListenerJobStart", "Job ID": 1, "Submission Time": t0 + 7000,
                "Stage Infos": [stage_info(1, "map at <console>:25", 3), stage_info(2, "collect at <console>:25", 2)],
                "Stage IDs": [1, 2], "Properties": {}})
    out.append({"Event": "SparkListenerStageSubmitted",
                "Stage Info": stage_info(1, "map at <console>:25", 3, submitted=t0 + 7010), "Properties": {}})
    task_id = 4
    for index, (records, run, ex) in enumerate([(50000, 500, "1"), (50000, 500, "1")]):
        launch = t0 + 7100 + index
        out.append({"Event": "SparkListenerTaskStart", "Stage ID": 1, "Stage Attempt ID": 0,
                    "Task Info": task_info_3x(task_id, index, launch, 0, ex)})
        out.append({"Event": "SparkListenerTaskEnd", "Stage ID": 1, "Stage Attempt ID": 0,
                    "Task Type": "ShuffleMapTask", "Task End Reason": {"Reason": "Success"},
                    "Task Info": task_info_3x(task_id, index, launch, launch + run + 10, ex),
                    "Task Executor Metrics": {"JVMHeapMemory": 0, "JVMOffHeapMemory": 0},
                    "Task Metrics": metrics_3x(run, records, records * 100)})
        task_id += 1
    # Lost with its executor: no "Task Metrics" at all.
    out.append({"Event": "SparkListenerTaskStart", "Stage ID": 1, "Stage Attempt ID": 0,
                "Task Info": task_info_3x(task_id, 2, t0 + 7102, 0, "2")})
    out.append({"Event": "SparkListenerExecutorRemoved", "Timestamp": t0 + 7400, "Executor ID": "2",
                "Removed Reason": "Container killed by YARN for exceeding memory limits."})
    out.append({"Event": "SparkListenerTaskEnd", "Stage ID": 1, "Stage Attempt ID": 0,
                "Task Type": "ShuffleMapTask",
                "Task End Reason": {"Reason": "ExecutorLostFailure", "Executor ID": "2", "Exit Caused By App": True,
                                    "Loss Reason": "Container killed by YARN for exceeding memory limits."},
                "Task Info": task_info_3x(task_id, 2, t0 + 7102, t0 + 7400, "2", failed=True)})
    task_id += 1
    out.append({"Event": "SparkListenerTaskStart", "Stage ID": 1, "Stage Attempt ID": 0,
                "Task Info": task_info_3x(task_id, 2, t0 + 7500, 0, "1")})
    out.append({"Event": "SparkListenerTaskEnd", "Stage ID": 1, "Stage Attempt ID": 0, "Task Type": "ShuffleMapTask",
                "Task End Reason": {"Reason": "Success"},
                "Task Info": task_info_3x(task_id, 2, t0 + 7500, t0 + 8010, "1"),
                "Task Executor Metrics": {"JVMHeapMemory": 0, "JVMOffHeapMemory": 0},
                "Task Metrics": metrics_3x(500, 50000, 5000000)})
    task_id += 1
    out.append({"Event": "SparkListenerStageCompleted",
                "Stage Info": stage_info(1, "map at <console>:25", 3, submitted=t0 + 7010, completed=t0 + 8020)})
    out.append({"Event": "SparkListenerStageSubmitted",
                "Stage Info": stage_info(2, "collect at <console>:25", 2, submitted=t0 + 8030), "Properties": {}})
    for index in range(2):
        launch = t0 + 8100 + index
        out.append({"Event": "SparkListenerTaskStart", "Stage ID": 2, "Stage Attempt ID": 0,
                    "Task Info": task_info_3x(task_id, index, launch, 0, "1")})
        out.append({"Event": "SparkListenerTaskEnd", "Stage ID": 2, "Stage Attempt ID": 0, "Task Type": "ResultTask",
                    "Task End Reason": {"Reason": "Success"},
                    "Task Info": task_info_3x(task_id, index, launch, launch + 310, "1"),
                    "Task Executor Metrics": {"JVMHeapMemory": 0, "JVMOffHeapMemory": 0},
                    "Task Metrics": metrics_3x(300, 0, 0)})
        task_id += 1
    out.append({"Event": "SparkListenerStageCompleted",
                "Stage Info": stage_info(2, "collect at <console>:25", 2, submitted=t0 + 8030, completed=t0 + 8500)})
    out.append({"Event": "SparkListenerJobEnd", "Job ID": 1, "Completion Time": t0 + 8510,
                "Job Result": {"Result": "JobSucceeded"}})
    out.append({"Event": "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd", "executionId": 0,
                "time": t0 + 8520})
    out.append({"Event": "com.example.listener.AuditEvent", "user": "etl", "note": "not a Spark event"})
    out.append({"Event": "SparkListenerApplicationEnd", "Timestamp": t0 + 60000})
    return "".join(line(o) for o in out)


def spark16():
    t0 = 1451606400000  # 2016-01-01T00:00:00Z
    app = "local-1451606400000"
    out = [
        {"Event": "SparkListenerLogStart", "Spark Version": "1.6.3"},
        {"Event": "SparkListenerBlockManagerAdded", "Block Manager ID": {"Executor ID": "driver",
                                                                         "Host": "localhost", "Port": 50123},
         "Maximum Memory": 555755765, "Timestamp": t0 + 400},
        {"Event": "SparkListenerEnvironmentUpdate",
         "JVM Information": {"Java Home": "/usr/lib/jvm/java-8/jre", "Java Version": "1.8.0_66 (Oracle)",
                             "Scala Version": "version 2.10.5"},
         "Spark Properties": {"spark.master": "local[2]", "spark.app.id": app, "spark.app.name": "Spark shell",
                              "spark.eventLog.enabled": "true"},
         "System Properties": {"java.version": "1.8.0_66"}, "Classpath Entries": {}},
        {"Event": "SparkListenerApplicationStart", "App Name": "Spark shell", "App ID": app, "Timestamp": t0,
         "User": "alice"},
        {"Event": "SparkListenerJobStart", "Job ID": 0, "Submission Time": t0 + 2900,
         "Stage Infos": [{"Stage ID": 0, "Stage Attempt ID": 0, "Stage Name": "count at <console>:22",
                          "Number of Tasks": 2, "RDD Info": [], "Parent IDs": [],
                          "Details": "org.apache.spark.rdd.RDD.count(RDD.scala:1143)", "Accumulables": []}],
         "Stage IDs": [0], "Properties": {}},
        {"Event": "SparkListenerStageSubmitted",
         "Stage Info": {"Stage ID": 0, "Stage Attempt ID": 0, "Stage Name": "count at <console>:22",
                        "Number of Tasks": 2, "RDD Info": [], "Parent IDs": [],
                        "Details": "org.apache.spark.rdd.RDD.count(RDD.scala:1143)", "Submission Time": t0 + 2950,
                        "Accumulables": []}, "Properties": {}},
    ]
    for i in range(2):
        info = {"Task ID": i, "Index": i, "Attempt": 0, "Launch Time": t0 + 3000 + 5 * i, "Executor ID": "driver",
                "Host": "localhost", "Locality": "PROCESS_LOCAL", "Speculative": False, "Getting Result Time": 0,
                "Finish Time": 0, "Failed": False, "Accumulables": []}
        out.append({"Event": "SparkListenerTaskStart", "Stage ID": 0, "Stage Attempt ID": 0, "Task Info": info})
    for i in range(2):
        info = {"Task ID": i, "Index": i, "Attempt": 0, "Launch Time": t0 + 3000 + 5 * i, "Executor ID": "driver",
                "Host": "localhost", "Locality": "PROCESS_LOCAL", "Speculative": False, "Getting Result Time": 0,
                "Finish Time": t0 + 5050 + 5 * i, "Failed": False, "Accumulables": []}
        out.append({"Event": "SparkListenerTaskEnd", "Stage ID": 0, "Stage Attempt ID": 0, "Task Type": "ResultTask",
                    "Task End Reason": {"Reason": "Success"}, "Task Info": info,
                    "Task Metrics": {"Host Name": "localhost", "Executor Deserialize Time": 30,
                                     "Executor Run Time": 2000, "Result Size": 2082, "JVM GC Time": 15,
                                     "Result Serialization Time": 0, "Memory Bytes Spilled": 0,
                                     "Disk Bytes Spilled": 0,
                                     "Input Metrics": {"Data Read Method": "Hadoop", "Bytes Read": 1000000,
                                                       "Records Read": 20000}}})
    out += [
        {"Event": "SparkListenerStageCompleted",
         "Stage Info": {"Stage ID": 0, "Stage Attempt ID": 0, "Stage Name": "count at <console>:22",
                        "Number of Tasks": 2, "RDD Info": [], "Parent IDs": [],
                        "Details": "org.apache.spark.rdd.RDD.count(RDD.scala:1143)", "Submission Time": t0 + 2950,
                        "Completion Time": t0 + 5100, "Accumulables": []}},
        {"Event": "SparkListenerJobEnd", "Job ID": 0, "Completion Time": t0 + 5110,
         "Job Result": {"Result": "JobSucceeded"}},
        {"Event": "SparkListenerApplicationEnd", "Timestamp": t0 + 10000},
    ]
    return "".join(line(o) for o in out)


def progress(batch, rows, timestamp):
    trigger = 200 + rows // 10  # 200 ms per trigger plus 0.1 ms per row
    return {"id": "8c2f9a5e-1b7d-4c3e-9f0a-3d5e7b9c1a2f", "runId": "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b",
            "name": "orders_agg", "timestamp": timestamp, "batchId": batch, "batchDuration": trigger + 5,
            "numInputRows": rows, "inputRowsPerSecond": rows / 10.0,
            "processedRowsPerSecond": rows * 1000.0 / trigger,
            "durationMs": {"addBatch": trigger - 150, "commitOffsets": 40, "getBatch": 0, "latestOffset": 30,
                           "queryPlanning": 50, "triggerExecution": trigger, "walCommit": 30},
            "eventTime": {"watermark": "2021-01-01T00:00:00.000Z"},
            "stateOperators": [{"operatorName": "stateStoreSave", "numRowsTotal": 1000 + batch * 100,
                                "numRowsUpdated": rows, "allUpdatesTimeMs": 10, "numRowsRemoved": 0,
                                "allRemovalsTimeMs": 0, "commitTimeMs": 20, "memoryUsedBytes": 50000 + batch * 1000,
                                "numRowsDroppedByWatermark": 0, "numShufflePartitions": 200,
                                "numStateStoreInstances": 200, "customMetrics": {}}],
            "sources": [{"description": "KafkaV2[Subscribe[orders]]", "startOffset": {"orders": {"0": 0}},
                         "endOffset": {"orders": {"0": rows}}, "latestOffset": None, "numInputRows": rows,
                         "inputRowsPerSecond": rows / 10.0, "processedRowsPerSecond": rows * 1000.0 / trigger}],
            "sink": {"description": "DeltaSink[s3://bucket/orders_agg]", "numOutputRows": -1}}


ROWS = [0, 1000, 2000, 4000, 3000]


def streaming_log():
    t0 = 1609462800000
    out = [
        {"Event": "SparkListenerLogStart", "Spark Version": "3.1.2"},
        {"Event": "SparkListenerEnvironmentUpdate", "JVM Information": {},
         "Spark Properties": {"spark.master": "yarn"}, "Hadoop Properties": {}, "System Properties": {},
         "Classpath Entries": {}},
        {"Event": "SparkListenerApplicationStart", "App Name": "orders-stream", "App ID": "application_1609462800000_0007",
         "Timestamp": t0, "User": "stream", "App Attempt ID": "1"},
        {"Event": "SparkListenerExecutorAdded", "Timestamp": t0 + 3000, "Executor ID": "1",
         "Executor Info": {"Host": "node1", "Total Cores": 2, "Log Urls": {}, "Attributes": {}, "Resources": {},
                           "Resource Profile Id": 0}},
        {"Event": "org.apache.spark.sql.streaming.StreamingQueryListener$QueryStartedEvent",
         "id": "8c2f9a5e-1b7d-4c3e-9f0a-3d5e7b9c1a2f", "runId": "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b",
         "name": "orders_agg", "timestamp": "2021-01-01T01:00:04.000Z"},
    ]
    for b, rows in enumerate(ROWS):
        out.append({"Event": "org.apache.spark.sql.streaming.StreamingQueryListener$QueryProgressEvent",
                    "progress": progress(b, rows, "2021-01-01T01:00:%02d.000Z" % (10 + 10 * b))})
    out.append({"Event": "SparkListenerApplicationEnd", "Timestamp": t0 + 70000})
    return "".join(line(o) for o in out)


def progress_json():
    # As `query.recentProgress` prints it: pretty objects one after the other.
    return "\n".join(json.dumps(progress(b, rows, "2021-01-01T01:00:%02d.000Z" % (10 + 10 * b)), indent=2)
                     for b, rows in enumerate(ROWS)) + "\n"


for name, text in [("spark-3.1-standalone.log", spark31()), ("spark-1.6-local.log", spark16()),
                   ("spark-3.1-streaming.log", streaming_log()), ("streaming-progress.json", progress_json())]:
    with open(os.path.join(OUT, name), "w") as f:
        f.write(text)
