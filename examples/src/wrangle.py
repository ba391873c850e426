"""Clean the Titanic data with PySpark (a placeholder for the spark job example)."""

import argparse

parser = argparse.ArgumentParser()
parser.add_argument("--titanic_data")
parser.add_argument("--wrangled_data")
args = parser.parse_args()

from pyspark.sql import SparkSession  # noqa: E402

spark = SparkSession.builder.getOrCreate()
df = spark.read.option("header", True).csv(args.titanic_data)
df.dropna().write.mode("overwrite").parquet(args.wrangled_data)
