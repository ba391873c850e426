@echo off
python "%~dp0az" %*
